package io.brigade.platform.test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The boundaries every service keeps, checked on its main code. A service's test includes them with
 * <pre>{@code
 * @AnalyzeClasses(packagesOf = OrderServiceApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
 * class BoundariesTest {
 *     @ArchTest
 *     static final ArchTests boundaries = ArchTests.in(ServiceBoundaries.class);
 * }
 * }</pre>
 */
public final class ServiceBoundaries {

    private static final String BRIGADE = "io.brigade.";
    /**
     * What every service may use: the published language, the shared platform, and the audit format (hashes,
     * checkpoints, exports) that the offline verifier shares with the services.
     */
    private static final Set<String> SHARED = Set.of("contracts", "platform", "audit");
    /** By name, as the gateway has no Axon on its classpath. */
    private static final String AGGREGATE = "org.axonframework.spring.stereotype.Aggregate";

    private ServiceBoundaries() {
    }

    /** Services talk through events only: no service's code uses another service's classes. */
    @ArchTest
    public static final ArchRule servicesUseNoOtherServicesCode = classes()
            .should(useOnlyTheirOwnCodeTheContractsAndThePlatform())
            .because("only events cross a service boundary");

    /** Controllers translate HTTP into commands and queries, nothing else. */
    @ArchTest
    public static final ArchRule webCodeTouchesNoAggregateOrRepository = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat(areAggregatesOrRepositories())
            .because("a controller sends commands and reads views; the aggregate decides")
            .allowEmptyShould(true);

    /** An aggregate is reached through commands: no class outside its own package uses it. */
    @ArchTest
    public static final ArchRule aggregatesAreReachedOnlyThroughCommands = classes()
            .that().areAnnotatedWith(AGGREGATE)
            .should(beUsedOnlyInsideTheirPackage())
            .because("a command through Axon is the only way to change an aggregate")
            .allowEmptyShould(true);

    private static DescribedPredicate<JavaClass> areAggregatesOrRepositories() {
        return DescribedPredicate.describe("are aggregates or repositories", type ->
                type.isAnnotatedWith(AGGREGATE)
                        || type.isAssignableTo("org.springframework.data.repository.Repository")
                        || type.isAssignableTo("org.axonframework.modelling.command.Repository"));
    }

    private static ArchCondition<JavaClass> useOnlyTheirOwnCodeTheContractsAndThePlatform() {
        return new ArchCondition<>(
                "use only their own service's code, the contracts, the platform and the audit format") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = service(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = service(dependency.getTargetClass().getPackageName());
                    if (target != null && !target.equals(own) && !SHARED.contains(target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> beUsedOnlyInsideTheirPackage() {
        return new ArchCondition<>("be used only inside their own package") {
            @Override
            public void check(JavaClass aggregate, ConditionEvents events) {
                for (Dependency dependency : aggregate.getDirectDependenciesToSelf()) {
                    if (!dependency.getOriginClass().getPackageName().equals(aggregate.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code order} for {@code io.brigade.order.domain}; null outside Brigade. */
    private static String service(String packageName) {
        if (!packageName.startsWith(BRIGADE)) {
            return null;
        }
        String rest = packageName.substring(BRIGADE.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
