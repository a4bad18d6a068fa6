package org.portfolio.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.portfolio.testing.contract.ContractValidation;
import org.portfolio.testing.contract.NotContractChecked;

/**
 * Every HTTP exchange rest-assured makes in a system test — stories, role matrix, tokens, revocation, the demo — is
 * checked against the OpenAPI document of the server it talks to (the gateway's merged {@code /openapi}, a service's
 * own {@code /q/openapi} for the direct calls); a violation fails the test. Registered for every test class by
 * JUnit's extension auto-detection (junit-platform.properties); the bad-input sweep checks its raw exchanges itself.
 * The number of exchanges checked is printed once, after the last test class.
 */
public final class ContractChecked implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean off = context.getTestClass().map(c -> c.isAnnotationPresent(NotContractChecked.class)).orElse(false);
        if (off) {
            ContractValidation.uninstall();
        } else {
            ContractValidation.install();
        }
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Summary.class, k -> new Summary(), Summary.class);
    }

    /** Closed by JUnit when the whole run ends. */
    static final class Summary implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            Runtime rt = Runtime.getRuntime();
            System.out.println("[contract] system tests: " + ContractValidation.summary() + "; test JVM heap in use "
                    + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024) + " MB of " + rt.maxMemory() / (1024 * 1024) + " MB");
        }
    }
}
