package io.brigade.platform.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.brigade.dinner.domain.Dinner;
import io.brigade.dinner.web.DinnerController;
import io.brigade.lunch.web.LunchController;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The boundary rules catch what they promise to catch, on two made-up services that break them. */
class ServiceBoundariesTest {

    private final JavaClasses lunchAndDinner = new ClassFileImporter()
            .importClasses(Dinner.class, DinnerController.class, LunchController.class);

    @Test
    void aServiceUsingAnotherServicesClass_breaksTheRule_whileContractsArePermitted() {
        assertThatThrownBy(() -> ServiceBoundaries.servicesUseNoOtherServicesCode.check(lunchAndDinner))
                .hasMessageContaining("LunchController")
                .hasMessageContaining("DinnerController")
                .hasMessageNotContaining("OrderId");
        assertThatCode(() -> ServiceBoundaries.servicesUseNoOtherServicesCode.check(
                new ClassFileImporter().importClasses(Dinner.class, DinnerController.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void aControllerTouchingAnAggregate_breaksTheRule() {
        assertThatThrownBy(() -> ServiceBoundaries.webCodeTouchesNoAggregateOrRepository.check(lunchAndDinner))
                .hasMessageContaining("DinnerController")
                .hasMessageNotContaining("LunchController");
    }

    @Test
    void anAggregateUsedOutsideItsPackage_breaksTheRule() {
        assertThatThrownBy(() -> ServiceBoundaries.aggregatesAreReachedOnlyThroughCommands.check(lunchAndDinner))
                .hasMessageContaining("DinnerController")
                .hasMessageContaining("Dinner.serve()");
        assertThatCode(() -> ServiceBoundaries.aggregatesAreReachedOnlyThroughCommands.check(
                new ClassFileImporter().importClasses(Dinner.class))).doesNotThrowAnyException();
    }
}
