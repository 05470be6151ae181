package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table stream's consumer: folds each change into the shop's metrics, in the shard's order. The first record that
 * fails is reported (partial batch failure), so Lambda retries from it and not the records before it; folding is
 * idempotent, so a retried or replayed record counts once.
 */
public final class AggregatorHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(AggregatorHandler.class);

    private final Aftercare app;

    public AggregatorHandler() {
        this(Aftercare.instance());
    }

    public AggregatorHandler(Aftercare app) {
        this.app = app;
        app.aggregator();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Invocations.logged(context, Map.of(), () -> {
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                try {
                    app.aggregator().fold(image(record.getDynamodb().getOldImage()), image(record.getDynamodb().getNewImage()));
                } catch (RuntimeException e) {
                    String sequence = record.getDynamodb().getSequenceNumber();
                    LOG.warn("stream record {} failed and will be retried: {}", sequence, Failures.describe(e));
                    return StreamsEventResponse.builder().withBatchItemFailures(
                            List.of(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequence).build())).build();
                }
            }
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        });
    }

    /** The stream event's own attribute values as the SDK's. */
    static Map<String, AttributeValue> image(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        return image == null ? Map.of() : image.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> value(e.getValue())));
    }

    private static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(image(v.getM()));
        }
        if (v.getL() != null) {
            return AttributeValue.fromL(v.getL().stream().map(AggregatorHandler::value).toList());
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        }
        if (v.getBS() != null) {
            return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        }
        return AttributeValue.fromNul(true);
    }
}
