package org.portfolio.platform.events.testapp;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.problem.ProblemException;

import java.net.URI;
import java.util.UUID;

@Path("/notes")
@PermitAll
public class NoteResource {

    public record NewNote(@NotBlank @Size(max = 200) String text) {
    }

    public record NoteCreated(UUID noteId, String text) {
    }

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @POST
    @Transactional
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The note",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = NoteCreated.class)))
    public Response create(@Valid NewNote body, @QueryParam("failAfterWrite") boolean failAfterWrite) {
        Note n = new Note();
        n.id = UUID.randomUUID();
        n.text = body.text();
        em.persist(n);
        outbox.publish("Note", n.id, "NoteCreated", n.id, new NoteCreated(n.id, n.text));
        if (failAfterWrite) {
            throw ProblemException.conflict("refused after writing: the transaction must roll back");
        }
        return Response.created(URI.create("/notes/" + n.id)).entity(new NoteCreated(n.id, n.text)).build();
    }
}
