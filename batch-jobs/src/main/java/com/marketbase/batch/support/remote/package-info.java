/**
 * Remote workers: a load's partitions sent through RabbitMQ to worker processes on other
 * machines, with Spring Batch's own remote partitioning (the manager polls the job
 * repository for its partitions; workers run them with their own source credentials).
 * Around the framework: a claim per partition so that a request delivered twice runs
 * once, worker heartbeats, and a manager that fails the partitions of a worker whose
 * heartbeat stopped instead of waiting forever.
 */
package com.marketbase.batch.support.remote;
