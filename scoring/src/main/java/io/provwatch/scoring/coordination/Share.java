package io.provwatch.scoring.coordination;

/** One account sharing one object in one post at one time (ms): the unit both the oracle and the detector read. */
public record Share(String objectKey, String account, String postId, long createdAtMs) {}
