package io.brigade.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.brigade.platform.test.ServiceBoundaries;

/** This service keeps the boundaries every Brigade service keeps (docs/architecture.md). */
@AnalyzeClasses(packagesOf = GatewayApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class BoundariesTest {

    @ArchTest
    static final ArchTests boundaries = ArchTests.in(ServiceBoundaries.class);
}
