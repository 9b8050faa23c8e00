/**
 * Quarantined work units and their audited release.
 */
package com.marketbase.console.quarantine;
