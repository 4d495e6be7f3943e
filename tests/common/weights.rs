/// [`catchall::names::normalize::df_weights_digest`] as computed natively (x86_64, glibc) when
/// this constant was set; asserted natively and under wasm32.
pub const DF_WEIGHTS_DIGEST: u64 = 0xe7d4_bb77_34e2_faaf;
