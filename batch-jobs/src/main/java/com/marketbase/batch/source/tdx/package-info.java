/**
 * The connector for the TDX HTTP gateway (the Go {@code tdx-api} server): a {@code {code,
 * message, data}} envelope on every business endpoint, errors as code -1 with HTTP 200,
 * prices and amounts in li (1/1000 CNY), stock volumes in lots (index volumes already in
 * shares), times in RFC 3339 with {@code +08:00}.
 * <p>
 * {@code /api/kline-history} serves at most the latest 800 bars (one raw TDX request) and
 * its day bars are forward-adjusted; raw day bars and older minute bars come from
 * {@code /api/kline-all}, which the gateway assembles from 800-bar requests. Index codes
 * are sent with their exchange prefix ({@code sh000001}), because the gateway turns a
 * bare {@code 000001} into Ping An Bank.
 */
package com.marketbase.batch.source.tdx;
