package com.marketbase.batch.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A source as a person names it, and what its rows are recorded as.
 */
class SourceNameTests {

	@Test
	void readsANameInAnyCaseAndSaysWhichThereAreOtherwise() {
		assertThat(SourceName.parse(" TuShare ")).isEqualTo(SourceName.TUSHARE);
		assertThat(SourceName.parse("sandbox")).isEqualTo(SourceName.SANDBOX);
		assertThatIllegalArgumentException().isThrownBy(() -> SourceName.parse("wind"))
			.withMessage("Unknown source 'wind'; use sandbox, tushare, tdx, eastmoney.");
	}

	@Test
	void theSandboxIsRecordedAsItselfAndSpeaksTusharesProtocol() {
		assertThat(SourceName.SANDBOX.key()).isEqualTo("sandbox");
		assertThat(SourceName.SANDBOX.synthetic()).isTrue();
		assertThat(SourceName.SANDBOX.protocol()).isEqualTo(SourceName.TUSHARE);
		assertThat(SourceName.TUSHARE.synthetic()).isFalse();
		assertThat(SourceName.TDX.protocol()).isEqualTo(SourceName.TDX);
	}

}
