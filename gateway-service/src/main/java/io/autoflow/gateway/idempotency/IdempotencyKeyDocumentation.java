package io.autoflow.gateway.idempotency;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Says once, in the OpenAPI document's components, what {@code Idempotency-Key} is; each {@link Idempotent} operation
 * refers to it ({@code @Parameter(ref = Idempotent.PARAMETER)}), so a generated client can send it.
 */
@OpenApiFilter
public class IdempotencyKeyDocumentation implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addParameter(Idempotent.PARAMETER, OASFactory.createParameter()
                .name(IdempotencyFilter.KEY_HEADER)
                .in(Parameter.In.HEADER)
                .required(false)
                .description("Makes a retry safe: the same request with the same key within 24 hours gets the first"
                        + " answer again (with Idempotent-Replayed: true) instead of a second job. Another request"
                        + " with the key is 422 idempotency_key_reused; while the first runs, 409"
                        + " idempotency_request_in_progress. 1 to 255 printable ASCII characters, e.g. a UUID.")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).minLength(1)
                        .maxLength(IdempotencyFilter.MAX_KEY_LENGTH)));
    }
}
