//! A small seeded PRNG and the samplers the bootstrap needs, written here so that a seed gives
//! the same numbers whatever the versions of other crates.
//!
//! - [`Rng`]: xoshiro256** (Blackman & Vigna 2018), its state filled by splitmix64.
//! - [`Rng::for_replicate`]: the generator of one bootstrap replicate, derived only from
//!   `(seed, stream, index)`, so replicates can run on any number of threads in any order.
//! - Samplers: uniform, standard normal (Marsaglia polar), gamma (Marsaglia–Tsang), Poisson
//!   (inversion below λ = 10, Hörmann's PTRS above), and the negative binomial NB2 as a
//!   gamma–Poisson mixture (the bootstrap's many draws with one α share its gamma constants;
//!   the numbers are those of [`Rng::negbin`]).

use super::special::ln_gamma;
use std::sync::OnceLock;

/// splitmix64 (Steele, Lea & Flood 2014), used to seed and to derive streams.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting at `seed`.
    #[must_use]
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }
}

/// splitmix64's output function: a bijective 64-bit mixer.
#[must_use]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** — fast, 256 bits of state, good statistical quality.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator whose state is four splitmix64 outputs from `seed`.
    #[must_use]
    pub fn seed_from_u64(seed: u64) -> Rng {
        let mut sm = SplitMix64::new(seed);
        Rng {
            s: [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()],
        }
    }

    /// The generator of replicate `index` of stream `stream` under `seed`: a function of these
    /// three numbers only (not of thread, order or previous draws).
    #[must_use]
    pub fn for_replicate(seed: u64, stream: u64, index: u64) -> Rng {
        let key = mix64(seed ^ mix64(stream.wrapping_add(mix64(index).rotate_left(17))));
        Rng::seed_from_u64(key)
    }

    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform on the open interval (0, 1), 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // 53 bits fit exactly
        let m = (self.next_u64() >> 11) as f64;
        (m + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform integer in `0..n` (`n > 0`), by Lemire's multiply-shift with rejection.
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            #[allow(clippy::cast_possible_truncation)] // low 64 bits, by design
            let lo = m as u64;
            if lo >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// Standard normal (Marsaglia's polar method; the second variate is discarded so the
    /// generator carries no hidden state).
    pub fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * s.ln() / s).sqrt();
            }
        }
    }

    /// Gamma with the given `shape > 0` and scale 1 (Marsaglia & Tsang 2000; for shape < 1,
    /// Gamma(shape + 1) · U^(1/shape)).
    pub fn gamma(&mut self, shape: f64) -> f64 {
        GammaSampler::new(shape).sample(self)
    }

    /// Poisson with mean `lambda ≥ 0`: inversion by multiplication below 10, PTRS
    /// (Hörmann 1993, transformed rejection with squeeze) from 10 up.
    pub fn poisson(&mut self, lambda: f64) -> f64 {
        if lambda <= 0.0 {
            return 0.0;
        }
        if lambda < 10.0 {
            let limit = (-lambda).exp();
            let mut p = 1.0;
            let mut k = 0.0;
            loop {
                p *= self.uniform();
                if p <= limit {
                    return k;
                }
                k += 1.0;
            }
        }
        let slam = lambda.sqrt();
        let b = 0.931 + 2.53 * slam;
        let a = -0.059 + 0.02483 * b;
        let vr = 0.9277 - 3.6224 / (b - 2.0);
        // Needed only past the squeeze: computed there, once per draw.
        let mut slow: Option<(f64, f64)> = None;
        loop {
            let u = self.uniform() - 0.5;
            let v = self.uniform();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + lambda + 0.43).floor();
            if us >= 0.07 && v <= vr {
                return k;
            }
            if k < 0.0 || (us < 0.013 && v > us) {
                continue;
            }
            let (ln_inv_alpha, loglam) =
                *slow.get_or_insert_with(|| ((1.1239 + 1.1328 / (b - 3.4)).ln(), lambda.ln()));
            if v.ln() + ln_inv_alpha - (a / (us * us) + b).ln()
                <= -lambda + k * loglam - ln_factorial(k)
            {
                return k;
            }
        }
    }

    /// Negative binomial NB2 with mean `mu` and dispersion `alpha` (variance `mu + alpha·mu²`),
    /// as Poisson(Gamma(1/alpha, scale alpha·mu)); Poisson when `alpha` is 0.
    pub fn negbin(&mut self, mu: f64, alpha: f64) -> f64 {
        NegBinSampler::new(alpha).sample(self, mu)
    }
}

/// Counts below this have `ln k!` tabulated.
const LN_FACTORIAL_TABLE: usize = 256;

/// `ln k! = ln Γ(k + 1)` for a whole `k ≥ 0`: below [`LN_FACTORIAL_TABLE`] from a table of
/// [`ln_gamma`]'s own values (filled once), so the same numbers as calling it.
fn ln_factorial(k: f64) -> f64 {
    static TABLE: OnceLock<[f64; LN_FACTORIAL_TABLE]> = OnceLock::new();
    debug_assert!(k >= 0.0 && k.fract() == 0.0);
    if k < LN_FACTORIAL_TABLE as f64 {
        let table = TABLE.get_or_init(|| {
            std::array::from_fn(|i| {
                #[allow(clippy::cast_precision_loss)] // i < 256
                ln_gamma(i as f64 + 1.0)
            })
        });
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole, in range
        table[k as usize]
    } else {
        ln_gamma(k + 1.0)
    }
}

/// Gamma(shape, scale 1) draws with the Marsaglia–Tsang constants of one shape computed once
/// ([`Rng::gamma`] draws the same numbers).
#[derive(Debug, Clone, Copy)]
struct GammaSampler {
    /// Marsaglia–Tsang's `d = shape − 1/3` (of `shape + 1` for a shape below 1) and
    /// `c = 1/√(9d)`.
    d: f64,
    c: f64,
    /// `1/shape` for a shape below 1 (the `U^(1/shape)` correction), else `None`.
    inv_shape: Option<f64>,
}

impl GammaSampler {
    fn new(shape: f64) -> GammaSampler {
        let (run, inv_shape) = if shape < 1.0 {
            (shape + 1.0, Some(1.0 / shape))
        } else {
            (shape, None)
        };
        let d = run - 1.0 / 3.0;
        GammaSampler {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
            inv_shape,
        }
    }

    fn sample(&self, rng: &mut Rng) -> f64 {
        let (d, c) = (self.d, self.c);
        let g = loop {
            let x = rng.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = rng.uniform();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * x2 * x2 || u.ln() < 0.5 * x2 + d * (1.0 - v + v.ln()) {
                break d * v;
            }
        };
        match self.inv_shape {
            Some(p) => g * rng.uniform().powf(p),
            None => g,
        }
    }
}

/// NB2 draws for one dispersion, its gamma constants computed once: the numbers of
/// [`Rng::negbin`] with that `alpha`, for any means.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NegBinSampler {
    alpha: f64,
    gamma: Option<GammaSampler>,
}

impl NegBinSampler {
    /// The sampler of dispersion `alpha` (Poisson when `alpha ≤ 0`).
    pub(crate) fn new(alpha: f64) -> NegBinSampler {
        NegBinSampler {
            alpha,
            gamma: if alpha <= 0.0 {
                None
            } else {
                Some(GammaSampler::new(1.0 / alpha))
            },
        }
    }

    /// One draw with mean `mu` (see [`Rng::negbin`]).
    pub(crate) fn sample(&self, rng: &mut Rng, mu: f64) -> f64 {
        let Some(gamma) = &self.gamma else {
            return rng.poisson(mu);
        };
        if mu <= 0.0 {
            return 0.0;
        }
        let lambda = gamma.sample(rng) * self.alpha * mu;
        rng.poisson(lambda)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_vectors() {
        // splitmix64 from 0 (reference C implementation by Vigna).
        let mut sm = SplitMix64::new(0);
        assert_eq!(sm.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(sm.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        // xoshiro256** from state [1, 2, 3, 4] (reference C implementation).
        let mut r = Rng { s: [1, 2, 3, 4] };
        let got: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        assert_eq!(got, [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240]);
    }

    #[test]
    fn replicate_streams_are_pure_functions_of_their_key() {
        let a: Vec<u64> = (0..3)
            .map(|_| Rng::for_replicate(42, 1, 7).next_u64())
            .collect();
        assert!(a.iter().all(|&x| x == a[0]));
        assert_ne!(
            Rng::for_replicate(42, 1, 7).next_u64(),
            Rng::for_replicate(42, 1, 8).next_u64()
        );
        assert_ne!(
            Rng::for_replicate(42, 1, 7).next_u64(),
            Rng::for_replicate(42, 2, 7).next_u64()
        );
        assert_ne!(
            Rng::for_replicate(42, 1, 7).next_u64(),
            Rng::for_replicate(43, 1, 7).next_u64()
        );
    }

    /// A seed's numbers must not move: these were printed by the samplers before the per-α
    /// constants ([`NegBinSampler`]) and the `ln k!` table were introduced.
    #[test]
    fn draws_match_the_pinned_sequences() {
        let mut r = Rng::seed_from_u64(1);
        let mut draw = |n: usize, f: &mut dyn FnMut(&mut Rng) -> f64| -> Vec<f64> {
            (0..n).map(|_| f(&mut r)).collect()
        };
        let nb = draw(8, &mut |r| r.negbin(40.0, 0.05));
        let nb_small = draw(6, &mut |r| r.negbin(3.0, 2.5)); // gamma shape 0.4 < 1
        let p12 = draw(6, &mut |r| r.poisson(12.0));
        let p61 = draw(6, &mut |r| r.poisson(61.0));
        let g_small = draw(3, &mut |r| r.gamma(0.4));
        let g_large = draw(3, &mut |r| r.gamma(60.0));
        assert_eq!(nb, [56.0, 48.0, 41.0, 35.0, 43.0, 52.0, 34.0, 32.0]);
        assert_eq!(nb_small, [5.0, 13.0, 7.0, 6.0, 0.0, 4.0]);
        assert_eq!(p12, [9.0, 4.0, 12.0, 6.0, 6.0, 8.0]);
        assert_eq!(p61, [61.0, 67.0, 48.0, 71.0, 58.0, 74.0]);
        assert_eq!(
            g_small,
            [
                0.844_660_491_320_947_8,
                0.008_204_274_914_105_598,
                0.726_710_043_969_633_2
            ]
        );
        assert_eq!(
            g_large,
            [
                53.445_446_592_614_886,
                55.012_708_025_545_045,
                53.255_893_496_683_75
            ]
        );
        assert_eq!(r.next_u64(), 11_683_779_383_133_014_572);
    }

    #[test]
    fn negbin_sampler_draws_what_negbin_draws() {
        for alpha in [0.0, 0.0155, 0.4, 2.5] {
            let sampler = NegBinSampler::new(alpha);
            let (mut a, mut b) = (Rng::seed_from_u64(5), Rng::seed_from_u64(5));
            for mu in [0.0, 0.7, 9.5, 12.0, 61.0, 800.0] {
                for _ in 0..50 {
                    assert_eq!(a.negbin(mu, alpha), sampler.sample(&mut b, mu));
                }
            }
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }

    #[test]
    fn ln_factorial_is_ln_gamma() {
        // The table (k < 256) holds ln_gamma's own values, bit for bit; beyond it
        // ln_factorial calls ln_gamma. Both agree with Σ ln i (an independent sum).
        let mut sum = 0.0f64;
        for k in 0..600u32 {
            if k > 0 {
                sum += f64::from(k).ln();
            }
            let k = f64::from(k);
            if k < 256.0 {
                assert_eq!(
                    ln_factorial(k).to_bits(),
                    ln_gamma(k + 1.0).to_bits(),
                    "{k}"
                );
            }
            approx::assert_relative_eq!(ln_factorial(k), sum, epsilon = 1e-9, max_relative = 1e-12);
        }
    }

    fn moments(mut draw: impl FnMut() -> f64, n: usize) -> (f64, f64) {
        let xs: Vec<f64> = (0..n).map(|_| draw()).collect();
        #[allow(clippy::cast_precision_loss)]
        let nf = n as f64;
        let mean = xs.iter().sum::<f64>() / nf;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (nf - 1.0);
        (mean, var)
    }

    // Fixed seeds make these deterministic; tolerances are ~5 standard errors of the moment.
    #[test]
    fn sampler_moments() {
        let n = 200_000;
        let mut r = Rng::seed_from_u64(1);
        let (m, v) = moments(|| r.uniform(), n);
        assert!(
            (m - 0.5).abs() < 0.004 && (v - 1.0 / 12.0).abs() < 0.002,
            "{m} {v}"
        );
        let (m, v) = moments(|| r.normal(), n);
        assert!(m.abs() < 0.012 && (v - 1.0).abs() < 0.02, "{m} {v}");
        for shape in [0.4, 1.0, 3.5, 60.0] {
            let (m, v) = moments(|| r.gamma(shape), n);
            let se = (shape / 200_000f64).sqrt();
            assert!((m - shape).abs() < 5.0 * se, "gamma {shape}: {m}");
            assert!((v / shape - 1.0).abs() < 0.05, "gamma {shape}: {v}");
        }
        for lambda in [0.3, 4.0, 9.99, 10.0, 37.0, 61.0, 5000.0] {
            let (m, v) = moments(|| r.poisson(lambda), n);
            let se = (lambda / 200_000f64).sqrt();
            assert!((m - lambda).abs() < 5.0 * se, "poisson {lambda}: {m}");
            assert!((v / lambda - 1.0).abs() < 0.03, "poisson {lambda}: {v}");
        }
        let (mu, alpha) = (40.0, 0.05);
        let (m, v) = moments(|| r.negbin(mu, alpha), n);
        let var = mu + alpha * mu * mu;
        assert!((m - mu).abs() < 5.0 * (var / 200_000f64).sqrt(), "nb {m}");
        assert!((v / var - 1.0).abs() < 0.04, "nb {v}");
    }

    #[test]
    fn poisson_probabilities_match_the_pmf() {
        // P(X = k) for λ = 12 (PTRS branch) against exp(k ln λ − λ − ln k!).
        let mut r = Rng::seed_from_u64(9);
        let n = 400_000;
        let mut hist = [0u32; 40];
        for _ in 0..n {
            let k = r.poisson(12.0);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            if k < 40.0 {
                hist[k as usize] += 1;
            }
        }
        for k in [5usize, 10, 12, 15, 20] {
            #[allow(clippy::cast_precision_loss)]
            let kf = k as f64;
            let p = (kf * 12f64.ln() - 12.0 - ln_gamma(kf + 1.0)).exp();
            let f = f64::from(hist[k]) / f64::from(n);
            assert!(
                (f - p).abs() < 5.0 * (p / f64::from(n)).sqrt(),
                "k={k}: {f} vs {p}"
            );
        }
    }
}
