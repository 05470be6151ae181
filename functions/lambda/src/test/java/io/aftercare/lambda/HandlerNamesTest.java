package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aftercare.devkit.RepositoryRoot;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code Handler} strings of {@code template.yaml} as the Lambda Java runtime loads them: a public class with a
 * public no-argument constructor, a {@link RequestHandler} whose event and result types are concrete classes (found on
 * the class or a superclass, as the runtime looks for them), and the named public method taking that event.
 */
class HandlerNamesTest {

    @Test
    void givenEveryHandlerTemplateYamlNames_whenLoadedAsTheLambdaRuntimeLoadsIt_thenItIsAPublicRequestHandlerOfConcreteTypes() throws Exception {
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(RepositoryRoot.find().resolve("template.yaml").toFile()).path("Resources");
        List<String> handlers = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::Serverless::Function")) {
                handlers.add(resource.path("Properties").path("Handler").asText());
            }
        });

        assertThat(handlers).hasSize(7).allSatisfy(handler -> {
            String[] parts = handler.split("::");
            Class<?> type = Class.forName(parts[0]);
            assertThat(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers())).as(handler).isTrue();
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).as(handler).isTrue();
            Type[] events = requestHandlerTypes(type);
            assertThat(events).as(handler).hasSize(2).allMatch(Class.class::isInstance);
            assertThat(Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(parts[1]) && !m.isBridge()))
                    .as(handler).singleElement()
                    .satisfies(method -> assertThat(method.getParameterTypes()).containsExactly((Class<?>) events[0], Context.class));
        });
    }

    /** The type arguments of {@code RequestHandler} on the class or its nearest superclass that names them; empty when none does. */
    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        return new Type[0];
    }
}
