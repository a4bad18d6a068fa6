package org.portfolio.platform.web.validation;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

/**
 * Text constraints on a {@code String} mean what the OpenAPI document publishes them as (JSON Schema, read by
 * ECMA-262's rules), in every service:
 * <ul>
 *   <li>{@code @Size} counts characters (Unicode code points), as the {@code maxLength} and {@code minLength} it is
 *   published as do and as PostgreSQL's {@code varchar(n)} does — not UTF-16 code units, as Hibernate Validator's own
 *   {@code CharSequence} validator does. Before (nineteenth pass), a name of 150 emoji, valid by the document's
 *   {@code maxLength: 200} and storable, was refused with 400: a client generated from the document (pydantic, for
 *   one) sent a valid request and was told it was wrong ({@link SizeInCharacters}).</li>
 *   <li>{@code @NotBlank} is blank as the document's pattern {@code ^\s*\S[\s\S]*$} says, not as {@code String.trim}
 *   does (twentieth pass, {@link NotBlankAsPublished}).</li>
 * </ul>
 *
 * <p>The built-in validators stay for every other type (collections, maps, arrays, other {@code CharSequence}s): for
 * a {@code String}, Hibernate Validator takes the validator of the most specific type, these.
 */
@Singleton
public class TextConstraintsAsPublished implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(Size.class).includeExistingValidators(true).validatedBy(SizeInCharacters.class);
        mapping.constraintDefinition(NotBlank.class).includeExistingValidators(true).validatedBy(NotBlankAsPublished.class);
        configuration.addMapping(mapping);
    }
}
