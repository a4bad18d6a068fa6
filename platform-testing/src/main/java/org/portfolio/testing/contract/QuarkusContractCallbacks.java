package org.portfolio.testing.contract;

import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Installs {@link ContractValidation} for every {@code @QuarkusTest} of every module that has platform-testing on its
 * test class path (registered in META-INF/services), and prints the count after each test class. The filter is
 * installed through the test's own class loader, the one whose rest-assured the test uses.
 */
public class QuarkusContractCallbacks implements QuarkusTestBeforeEachCallback, QuarkusTestAfterAllCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Class<?> test = context.getTestInstance().getClass();
        boolean skip = java.util.Arrays.stream(test.getAnnotations())
                .anyMatch(a -> a.annotationType().getName().equals(NotContractChecked.class.getName()));
        invoke(test.getClassLoader(), skip ? "uninstall" : "install");
    }

    @Override
    public void afterAll(QuarkusTestContext context) {
        Object summary = invoke(context.getTestInstance() == null ? Thread.currentThread().getContextClassLoader()
                : context.getTestInstance().getClass().getClassLoader(), "summary");
        if (summary != null) {
            System.out.println("[contract] " + summary);
        }
    }

    private static Object invoke(ClassLoader loader, String method) {
        try {
            return Class.forName(ContractValidation.class.getName(), true, loader).getMethod(method).invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install the OpenAPI contract validation: " + e, e);
        }
    }
}
