package com.marketbase.batch.source.tushare;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * What every dataset's feed from Tushare Pro (or the sandbox speaking its protocol)
 * shares: the source's names, the exchanges' calendars from the source's reference feed,
 * and no instruments to bootstrap unless the dataset's are the A-shares and funds.
 *
 * @param <R> the dataset's row
 */
public abstract class TushareDatasetFeed<R> implements DatasetFeed<R> {

	private final TushareClient client;

	private final ReferenceFeed reference;

	protected TushareDatasetFeed(TushareClient client, ReferenceFeed reference) {
		this.client = client;
		this.reference = reference;
	}

	/**
	 * The client the feed reads with.
	 * @return the client
	 */
	protected TushareClient client() {
		return this.client;
	}

	/**
	 * The listed A-shares and exchange-traded funds, for the datasets that bootstrap
	 * them.
	 * @return the listings
	 */
	protected List<Listing> sharesAndFunds() {
		return this.reference.sharesAndFunds();
	}

	@Override
	public String source() {
		return this.client.source().key();
	}

	@Override
	public String displayName() {
		return this.client.source().displayName();
	}

	@Override
	public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		return this.reference.calendar(exchange, start, end).items();
	}

	@Override
	public List<Listing> instruments() {
		return List.of();
	}

}
