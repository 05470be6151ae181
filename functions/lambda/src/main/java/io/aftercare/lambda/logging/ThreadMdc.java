package io.aftercare.lambda.logging;

import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.helpers.ThreadLocalMapOfStacks;
import org.slf4j.spi.MDCAdapter;

/**
 * The MDC, per thread and not inherited (as Log4j's was): a pool's thread started during an invocation must not carry
 * that invocation's ids into every later line. Sorted, so that lines list the fields in one order.
 */
final class ThreadMdc implements MDCAdapter {

    private final ThreadLocal<TreeMap<String, String>> fields = ThreadLocal.withInitial(TreeMap::new);
    private final ThreadLocalMapOfStacks stacks = new ThreadLocalMapOfStacks();

    /** The live map, for the logger to read (never handed out of this package). */
    Map<String, String> current() {
        return fields.get();
    }

    @Override
    public void put(String key, String value) {
        if (key == null) {
            throw new IllegalArgumentException("key cannot be null");
        }
        if (value == null) {
            fields.get().remove(key);
        } else {
            fields.get().put(key, value);
        }
    }

    @Override
    public String get(String key) {
        return fields.get().get(key);
    }

    @Override
    public void remove(String key) {
        fields.get().remove(key);
    }

    @Override
    public void clear() {
        fields.get().clear();
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        return new TreeMap<>(fields.get());
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        var map = fields.get();
        map.clear();
        map.putAll(contextMap);
    }

    @Override
    public void pushByKey(String key, String value) {
        stacks.pushByKey(key, value);
    }

    @Override
    public String popByKey(String key) {
        return stacks.popByKey(key);
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        return stacks.getCopyOfDequeByKey(key);
    }

    @Override
    public void clearDequeByKey(String key) {
        stacks.clearDequeByKey(key);
    }
}
