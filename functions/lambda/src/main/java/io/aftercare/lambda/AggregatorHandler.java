package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.aftercare.dynamodb.MetricsAggregator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table stream's consumer: folds each batch of a shard's changes into the shops' metrics at once, in the shard's
 * order. The mapping's tumbling window is what names the shard in the event (a plain stream event does not), which
 * keys the cursor that makes a retried, bisected or replayed record count once. The first record not folded is
 * reported (partial batch failure), so Lambda retries from it and not the records before it. No state is carried
 * from one invocation of a window to the next: the table holds it.
 */
public final class AggregatorHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

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
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        return Invocations.logged(context, Map.of(), () -> {
            if (event.getShardId() == null) {
                throw new IllegalStateException("the stream event names no shard: its mapping needs a TumblingWindowInSeconds");
            }
            List<MetricsAggregator.Change> changes = event.getRecords() == null ? List.of() : event.getRecords().stream()
                    .map(record -> new MetricsAggregator.Change(record.getDynamodb().getSequenceNumber(),
                            image(record.getDynamodb().getOldImage()), image(record.getDynamodb().getNewImage())))
                    .toList();
            var failed = app.aggregator().fold(event.getShardId(), changes);
            failed.ifPresent(failure -> LOG.warn("stream record {} failed and will be retried: {}", failure.sequence(), Failures.describe(failure.cause())));
            return new TimeWindowEventResponse(Map.of(), failed.map(failure -> List.of(new TimeWindowEventResponse.BatchItemFailure(failure.sequence())))
                    .orElse(List.of()));
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
