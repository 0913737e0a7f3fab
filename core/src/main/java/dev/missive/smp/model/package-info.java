/**
 * SMP value types: {@link dev.missive.smp.model.ServerAddress} (host, port and the pinned server
 * key hash), {@link dev.missive.smp.model.QueueId}, and the error vocabulary
 * ({@link dev.missive.smp.model.SmpError} and the {@link dev.missive.smp.model.SmpException} that
 * carries it). All immutable and validated when constructed.
 */
package dev.missive.smp.model;
