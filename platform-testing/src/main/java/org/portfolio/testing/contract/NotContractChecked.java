package org.portfolio.testing.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code @QuarkusTest} class whose HTTP exchanges are not checked against the OpenAPI document, with the reason
 * (e.g. the gateway's routing tests talk to stub services that publish no document). Use sparingly: every test of a
 * real endpoint is checked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NotContractChecked {
    /** Why this class's exchanges cannot be checked. */
    String value();
}
