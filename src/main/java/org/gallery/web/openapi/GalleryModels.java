package org.gallery.web.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Schemas of the records the API reads and writes. Record components marked {@link Nullable} are {@code null} in real answers, so their schema admits null
 * (OpenAPI 3.1: {@code "null"} among the types, or {@code anyOf} with a reference); a strict client would otherwise
 * refuse an ordinary answer.
 */
class GalleryModels extends ModelResolver {

    GalleryModels() {
        // snake_case, as the application writes them: swagger's own Jackson does not see the application's setting
        super(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        openapi31(true);
    }

    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> schema = super.resolve(type, context, chain);
        JavaType javaType = _mapper.constructType(type.getType());
        Class<?> raw = javaType.getRawClass();
        // an object comes back as a reference to the model it defined
        Schema<?> model = schema == null || schema.get$ref() == null ? schema
                : context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        if (model != null && raw.isRecord() && model.getProperties() != null) {
            markNullable(raw, model.getProperties());
        }
        return schema;
    }

    private static void markNullable(Class<?> record, Map<String, Schema> properties) {
        for (RecordComponent component : record.getRecordComponents()) {
            Schema<?> property = properties.get(snake(component.getName()));
            if (property != null && component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                properties.put(snake(component.getName()), nullable(property));
            }
        }
    }

    static Schema<?> nullable(Schema<?> property) {
        if (property.get$ref() != null) {
            Schema<?> ref = ProblemSchemas.parse("{}").$ref(property.get$ref());
            Schema<?> anyOf = ProblemSchemas.parse("{}");
            anyOf.setAnyOf(new ArrayList<>(List.of(ref, ProblemSchemas.parse("{\"type\": \"null\"}"))));
            anyOf.setDescription(property.getDescription());
            return anyOf;
        }
        var types = new LinkedHashSet<String>(property.getTypes() != null ? property.getTypes() : List.of());
        if (types.isEmpty() && property.getType() != null) {
            types.add(property.getType());
        }
        types.add("null");
        property.setTypes(types);
        return property;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
