package com.marketbase.batch.warehouse.reference;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A re-coded instrument: the same security trading under a new code, for example a
 * Beijing stock moving from {@code 838163.BJ} to {@code 920163.BJ}.
 *
 * @param previousSymbol the old code
 * @param symbol the new code
 * @param name the security's name
 * @param listDate when the security first listed (under the old code), or {@code null}
 */
public record CodeChange(String previousSymbol, String symbol, String name,
		@Nullable LocalDate listDate) implements ReferenceItem {
}
