/**
 * What {@code batch.jar serve} tells the web console about this application: its
 * warehouse, its sources and who runs its executions.
 */
package com.marketbase.batch.serve;
