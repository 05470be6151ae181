package io.aftercare.domain;

/** A page token that this query did not hand out. */
public class InvalidPageToken extends InvalidInput {
    public InvalidPageToken() {
        super("pageToken", "the page token is not valid for this query");
    }
}
