/**
 * What the console knows about a particular job, given by the job itself: launch form,
 * progress and work units.
 */
package com.marketbase.console.job;
