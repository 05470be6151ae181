package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.Subject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The items that thread a shop's emails: what a reply code ({@code REPLY_CODE}) or SES's id of a sent email
 * ({@code SENT_MESSAGE}) names, under the shop. Written whole, so the same one written twice is one.
 */
final class ThreadItems {

    private static final String SUBJECT_TYPE = "subjectType";
    private static final String SUBJECT_ID = "subjectId";

    private ThreadItems() {
    }

    static Map<String, AttributeValue> code(ShopId shop, String code, Subject subject) {
        return item(Keys.replyCode(shop, code), "REPLY_CODE", subject);
    }

    static Map<String, AttributeValue> message(ShopId shop, String messageId, Subject subject) {
        return item(Keys.sentMessage(shop, messageId), "SENT_MESSAGE", subject);
    }

    static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    static Optional<Subject> subject(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Subject(Subject.Type.valueOf(Items.requiredString(item, SUBJECT_TYPE)), Items.requiredString(item, SUBJECT_ID)));
    }

    private static Map<String, AttributeValue> item(Map<String, AttributeValue> key, String type, Subject subject) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(Keys.TYPE, s(type));
        item.put(SUBJECT_TYPE, s(subject.type().name()));
        item.put(SUBJECT_ID, s(subject.id()));
        return item;
    }
}
