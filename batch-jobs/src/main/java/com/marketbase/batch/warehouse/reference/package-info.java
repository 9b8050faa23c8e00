/**
 * The warehouse's reference data: trading calendars and the instruments of every asset
 * class with their listing windows, as rows and as the store jobs read and write them
 * through.
 */
package com.marketbase.batch.warehouse.reference;
