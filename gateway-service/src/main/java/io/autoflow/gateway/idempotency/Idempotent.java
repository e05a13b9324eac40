package io.autoflow.gateway.idempotency;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that creates work as taking an {@code Idempotency-Key} ({@link IdempotencyFilter}): a
 * retry with the same key and request gets the first answer again instead of a second job. Put
 * {@code @Parameter(ref = Idempotent.PARAMETER)} beside it so that the OpenAPI document shows the header.
 */
@NameBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {

    /** The header's entry in the OpenAPI document's components ({@link IdempotencyKeyDocumentation}). */
    String PARAMETER = "IdempotencyKey";
}
