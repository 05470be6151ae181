package io.aftercare.devkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What Lambda's DynamoDB event source mapping does for a function, on DynamoDB Local's stream: reads each shard in
 * order from its start, keeps the records its filter lets through ({@code type} of the new image, as
 * {@code template.yaml}'s {@code FilterCriteria} says), hands them to the handler in batches of up to
 * {@link #BATCH} of them as one {@link DynamodbTimeWindowEvent} naming the shard (as the mapping's tumbling window
 * does), and on a reported failure starts the next batch at the failed record. A record that failed
 * {@link #MAX_ATTEMPTS} times is set aside, as the mapping sends it to its on-failure destination.
 */
public final class StreamWorker {

    public static final int MAX_ATTEMPTS = 3;
    /** The mapping's BatchSize in template.yaml. */
    public static final int BATCH = 100;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Set<String> types;
    private final Function<DynamodbTimeWindowEvent, TimeWindowEventResponse> handler;
    /** Per shard, the last sequence number handled: the next read starts after it. */
    private final Map<String, String> checkpoints = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final List<String> setAside = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();

    /** @param types the {@code type} values of the items whose changes reach the handler */
    public StreamWorker(DynamoDbStreamsClient streams, String streamArn, Set<String> types, Function<DynamodbTimeWindowEvent, TimeWindowEventResponse> handler) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.types = types;
        this.handler = handler;
    }

    /** The latest stream of {@code table}. */
    public static String streamOf(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, String table) {
        String arn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        if (arn == null) {
            throw new IllegalStateException(table + " has no stream");
        }
        return arn;
    }

    /** Hands every record written so far to the handler; returns how many it handled. */
    public synchronized int drain() {
        int handled = 0;
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            handled += drain(shard.shardId());
        }
        return handled;
    }

    /** Forgets where each shard was, so the next {@link #drain} hands every record in the stream over again. */
    public synchronized void rewind() {
        checkpoints.clear();
    }

    /** The size of each batch handed to the handler so far, in order. */
    public synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** The sequence numbers of the records that failed every attempt. */
    public synchronized List<String> setAside() {
        return List.copyOf(setAside);
    }

    private int drain(String shardId) {
        int handled = 0;
        while (true) {
            // as the mapping does, the batch is filled with records its filter lets through, reading on past those it does not
            List<Record> batch = new ArrayList<>();
            String read = checkpoints.get(shardId); // the last record the batch read, let through or not
            boolean more = true;
            while (more && batch.size() < BATCH) {
                List<Record> page = page(shardId, read);
                more = !page.isEmpty();
                for (Record record : page) {
                    if (batch.size() == BATCH) {
                        break;
                    }
                    read = record.dynamodb().sequenceNumber();
                    if (passes(record)) {
                        batch.add(record);
                    }
                }
            }
            if (batch.isEmpty()) {
                if (read != null) {
                    checkpoints.put(shardId, read);
                }
                return handled;
            }
            batchSizes.add(batch.size());
            var response = handler.apply(event(shardId, batch));
            var failures = response == null || response.getBatchItemFailures() == null ? List.<TimeWindowEventResponse.BatchItemFailure>of()
                    : response.getBatchItemFailures();
            if (failures.isEmpty()) {
                handled += batch.size();
                checkpoints.put(shardId, read);
                if (!more) {
                    return handled; // the batch read the shard to its end
                }
                continue;
            }
            String failed = failures.get(0).getItemIdentifier();
            int failedAt = indexOf(batch, failed);
            handled += failedAt;
            int tries = attempts.merge(failed, 1, Integer::sum);
            if (tries >= MAX_ATTEMPTS) {
                setAside.add(failed);
                checkpoints.put(shardId, failed);
            } else if (failedAt > 0) {
                checkpoints.put(shardId, batch.get(failedAt - 1).dynamodb().sequenceNumber());
            } else {
                return handled; // the shard waits: the failed record is retried at the next drain
            }
        }
    }

    /** The shard's records after {@code after} (from its start when null), one page of them. */
    private List<Record> page(String shardId, String after) {
        String iterator = streams.getShardIterator(b -> {
            b.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
        return streams.getRecords(b -> b.shardIterator(iterator).limit(BATCH)).records();
    }

    private static int indexOf(List<Record> batch, String sequence) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).dynamodb().sequenceNumber().equals(sequence)) {
                return i;
            }
        }
        throw new IllegalStateException("the handler reported a record it was not given: " + sequence);
    }

    private boolean passes(Record record) {
        var image = record.dynamodb().newImage();
        return image != null && image.containsKey("type") && types.contains(image.get("type").s());
    }

    private DynamodbTimeWindowEvent event(String shardId, List<Record> records) {
        var event = new DynamodbTimeWindowEvent();
        event.setShardId(shardId);
        event.setEventSourceArn(streamArn);
        event.setState(Map.of());
        event.setIsFinalInvokeForWindow(false);
        event.setIsWindowTerminatedEarly(false);
        event.setRecords(records.stream().map(r -> {
            var converted = new DynamodbEvent.DynamodbStreamRecord();
            converted.setEventSourceARN(streamArn);
            converted.withEventID(r.eventID()).withEventName(r.eventNameAsString()).withEventSource("aws:dynamodb")
                    .withDynamodb(new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord()
                            .withKeys(image(r.dynamodb().keys()))
                            .withNewImage(r.dynamodb().hasNewImage() ? image(r.dynamodb().newImage()) : null)
                            .withOldImage(r.dynamodb().hasOldImage() ? image(r.dynamodb().oldImage()) : null)
                            .withSequenceNumber(r.dynamodb().sequenceNumber())
                            .withSizeBytes(r.dynamodb().sizeBytes()));
            return converted;
        }).toList());
        return event;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(Map<String, AttributeValue> image) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        image.forEach((name, value) -> out.put(name, value(value)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        return switch (v.type()) {
            case S -> out.withS(v.s());
            case N -> out.withN(v.n());
            case BOOL -> out.withBOOL(v.bool());
            case M -> out.withM(image(v.m()));
            case L -> out.withL(v.l().stream().map(StreamWorker::value).toList());
            case SS -> out.withSS(v.ss());
            case NS -> out.withNS(v.ns());
            case B -> out.withB(v.b().asByteBuffer());
            case BS -> out.withBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            default -> out.withNULL(true);
        };
    }
}
