/**
 * The data-quality findings the rules stored in {@code market.quality_findings}, for the
 * coverage page.
 */
package com.marketbase.console.quality;
