package com.marketbase.batch.cli;

import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.storage.ConnectionCheck;
import com.marketbase.batch.warehouse.storage.StoragePolicies;
import com.marketbase.batch.warehouse.storage.StoragePolicyReport;
import com.marketbase.batch.warehouse.storage.StoragePolicyState;
import com.marketbase.batch.warehouse.storage.TableSize;
import com.marketbase.batch.warehouse.storage.TableSizes;

/**
 * {@code storage}: the warehouse's connection check, then every table with its rows, size
 * on disk and compression, largest first, as the console's database page shows them; then
 * every table's storage policy as configured and what it did last.
 */
final class StorageCommands {

	private final DataSource dataSource;

	private final WarehouseInfo warehouse;

	private final Console console;

	private final StoragePolicies policies;

	StorageCommands(DataSource dataSource, WarehouseInfo warehouse, StoragePolicies policies, Console console) {
		this.dataSource = dataSource;
		this.warehouse = warehouse;
		this.policies = policies;
		this.console = console;
	}

	int storage() {
		ConnectionCheck check = ConnectionCheck.of(this.dataSource);
		if (!check.ok()) {
			this.console.refuse(check.message());
			return JobCommands.EXIT_NOT_COMPLETED;
		}
		this.console.say(this.warehouse.describe() + ": " + check.message() + ".");
		List<TableSize> sizes = new TableSizes(this.dataSource, this.warehouse).all();
		this.console.say(String.format("%-36s %-20s %14s %10s %10s %6s", "table", "kind", "rows", "on disk",
				"compressed", "ratio"));
		long total = 0;
		for (TableSize size : sizes) {
			total += size.bytes();
			this.console.say(String.format(Locale.ROOT, "%-36s %-20s %14s %10s %10s %6s", size.name(), size.kind(),
					(size.rowsEstimated() ? "~" : "") + size.rows(), bytes(size.bytes()),
					(size.compressedBytes() != null) ? bytes(size.compressedBytes()) : "-",
					(size.compressionRatio() != null) ? String.format(Locale.ROOT, "%.1fx", size.compressionRatio())
							: "-"));
		}
		this.console.say(sizes.size() + " tables, " + bytes(total) + " on disk"
				+ (this.warehouse.mode().hasContinuousAggregates() ? ""
						: "; compression is not available under this warehouse mode"));
		policies();
		return JobCommands.EXIT_COMPLETED;
	}

	// What is applied may lag the settings until the next run of job=storage, which
	// applies them; the lines say so.
	private void policies() {
		List<StoragePolicyState> states = new StoragePolicyReport(this.dataSource, this.warehouse, this.policies).all();
		this.console.say("");
		String format = "%-14s %-10s %-10s %-58s %s";
		this.console.say(String.format(format, "policy", "compress", "retain", "compression: last", "retention: last"));
		for (StoragePolicyState state : states) {
			this.console.say(
					String
						.format(Locale.ROOT, format, state.table(), state.compressAfter(), state.retention(),
								state.compression(), state.retained())
						.stripTrailing());
		}
		this.console.say("job=storage applies the settings (marketbase.storage.policies.<table>.compress-after, "
				+ ".retention).");
	}

	static String bytes(long value) {
		String[] units = { "B", "kB", "MB", "GB", "TB" };
		double size = value;
		int unit = 0;
		while (size >= 1024 && unit < units.length - 1) {
			size /= 1024;
			unit++;
		}
		return (unit == 0) ? value + " B" : String.format(Locale.ROOT, "%.1f %s", size, units[unit]);
	}

}
