package org.portfolio.platform.web.contract;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.Map;

/**
 * Test only: one operation that answers what its document says, and two that break it on purpose (a string where
 * the document says integer; a status it does not declare). The tests show that the contract check every
 * {@code @QuarkusTest} gets fails the call that receives such an answer.
 */
@Path("/contract-wiring")
@Produces(MediaType.APPLICATION_JSON)
public class ContractWiringResource {

    public record Tally(@Schema(required = true, description = "How many") int count) {
    }

    @GET
    @Path("/tally")
    @PermitAll
    @APIResponse(responseCode = "200", description = "A tally", content = @Content(schema = @Schema(implementation = Tally.class)))
    public Tally tally() {
        return new Tally(3);
    }

    @GET
    @Path("/tally-as-text")
    @PermitAll
    @APIResponse(responseCode = "200", description = "A tally", content = @Content(schema = @Schema(implementation = Tally.class)))
    public Response tallyAsText() {
        return Response.ok(Map.of("count", "three")).build(); // not a Tally: count is a string
    }

    @GET
    @Path("/tally-accepted")
    @PermitAll
    @APIResponse(responseCode = "200", description = "A tally", content = @Content(schema = @Schema(implementation = Tally.class)))
    public Response tallyAccepted() {
        return Response.accepted(new Tally(3)).build(); // 202: not a status of the document
    }
}
