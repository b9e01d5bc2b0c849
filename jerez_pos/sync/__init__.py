"""Terminal side of sync: outbox batches, signed transport, backoff, signed catalog/UMA packages."""
