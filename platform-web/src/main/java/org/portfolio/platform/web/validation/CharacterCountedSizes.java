package org.portfolio.platform.web.validation;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

/**
 * {@code @Size} on a {@code String} counts characters (Unicode code points), as the {@code maxLength} and
 * {@code minLength} it is published as in the OpenAPI document do (JSON Schema counts characters) and as PostgreSQL's
 * {@code varchar(n)} does — not UTF-16 code units, as Hibernate Validator's own {@code CharSequence} validator does.
 * Before (nineteenth pass), a name of 150 emoji, valid by the document's {@code maxLength: 200} and storable, was
 * refused with 400: a client generated from the document (pydantic, for one) sent a valid request and was told it was
 * wrong.
 *
 * <p>The built-in validators stay for every other type (collections, maps, arrays, other {@code CharSequence}s): for
 * a {@code String}, Hibernate Validator takes the validator of the most specific type, this one.
 */
@Singleton
public class CharacterCountedSizes implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(Size.class).includeExistingValidators(true).validatedBy(SizeInCharacters.class);
        configuration.addMapping(mapping);
    }
}
