package org.kept.support;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the running application maps, read from Spring MVC's handler mappings, as
 * {@code "POST /api/v1/tickets/{id}/replies"}: tests that must cover all endpoints fail when a new one appears.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /** All mapped endpoints: the API and the pages. A mapping without a method is listed as {@code ANY}. */
    public static Set<String> all(ApplicationContext context) {
        Set<String> endpoints = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values()
                .forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(info -> add(info, endpoints)));
        return endpoints;
    }

    /** The endpoints under {@code /api/}. */
    public static Set<String> api(ApplicationContext context) {
        Set<String> api = new TreeSet<>();
        all(context).stream().filter(e -> path(e).startsWith("/api/")).forEach(api::add);
        return api;
    }

    public static String method(String endpoint) {
        return endpoint.substring(0, endpoint.indexOf(' '));
    }

    public static String path(String endpoint) {
        return endpoint.substring(endpoint.indexOf(' ') + 1);
    }

    private static void add(RequestMappingInfo info, Set<String> endpoints) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
            if (methods.isEmpty()) {
                endpoints.add("ANY " + pattern);
            }
            methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
        }
    }
}
