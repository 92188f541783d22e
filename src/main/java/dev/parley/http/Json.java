package dev.parley.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The one configured JSON mapper: strict on input (no coercions, no duplicate keys, no number a double cannot
 * hold), compact on output.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(new FiniteNumbers())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxNumberLength(64)
                .build());
        MAPPER.getFactory().configure(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION, false);
    }

    private Json() {
    }

    /**
     * Numbers are kept exactly as written, but one beyond the range of a double ({@code 1e400}) would be served back
     * as written too, which JSON readers take as Infinity or refuse: parsing fails on it, as on a number whose
     * exponent does not fit a BigDecimal, with a NumberFormatException while the parser still stands on it.
     */
    private static final class FiniteNumbers extends JsonNodeFactory {
        @Override
        public ValueNode numberNode(BigDecimal value) {
            return super.numberNode(finite(value, value.doubleValue()));
        }

        @Override
        public ValueNode numberNode(BigInteger value) {
            return super.numberNode(finite(value, value.doubleValue()));
        }

        private static <T> T finite(T value, double asDouble) {
            if (Double.isInfinite(asDouble)) {
                throw new NumberFormatException("beyond the range of a double");
            }
            return value;
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
