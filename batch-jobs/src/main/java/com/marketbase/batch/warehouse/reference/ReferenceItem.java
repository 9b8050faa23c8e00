package com.marketbase.batch.warehouse.reference;

/**
 * What a reference list says about an instrument: its listing, or that it was re-coded.
 */
public sealed interface ReferenceItem permits Listing, CodeChange, FundListing {

}
