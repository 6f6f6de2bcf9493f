package dev.benchy.service.api;

import dev.benchy.service.BenchyService;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** Failures outside a resource's own answers, as problem documents like every other error of the API. */
public class ProblemMappers {

    private final AllowedMethods allowed;

    /** Reads the methods of every resource class (each a bean), so a resource added later is covered too. */
    public ProblemMappers(BeanManager beans) {
        List<Class<?>> resources = beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass).filter(c -> c.isAnnotationPresent(Path.class))
                .collect(Collectors.toList());
        this.allowed = new AllowedMethods(resources);
    }

    /** The path exists but not with this method: 405 with {@code Allow}, which RFC 9110 asks for. */
    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri, Request request) {
        String allow = allowed.allow(uri.getPath());
        return Response.status(Response.Status.METHOD_NOT_ALLOWED).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.ALLOW, allow)
                .entity(new Problem(405, "Method Not Allowed", request.getMethod() + " is not allowed here; "
                        + uri.getPath() + " answers " + allow)).build();
    }

    /** A one-shot command has no service behind the API. */
    @ServerExceptionMapper
    public Response notRunning(BenchyService.NotRunning e) {
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    /** The report folder cannot be read now (e.g. replaced or unmounted). */
    @ServerExceptionMapper
    public Response storeUnreadable(UncheckedIOException e) {
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
