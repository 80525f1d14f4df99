//! Property tests of the conversion check (FX001): relkit's own rendering of
//! a figure reference always agrees with the rate at which it was rendered,
//! and a dollar value outside the interval the yen amount allows never does.

use proptest::prelude::*;
use relkit::amounts;
use relkit::draft::figures;
use relkit::draft::front_matter::Lang;
use relkit::draft::references::{Context, resolve};
use relkit::source::{SourceFile, Span};
use rust_decimal::Decimal;

/// A figure in millions of yen shown in `scale` with `decimals`.
fn figure_yaml(millions: i64, scale: &str, decimals: u32) -> String {
    format!(
        "revenue:\n  unit: JPY\n  scale: million\n  values:\n    P: {millions}\n  display:\n    scale: {scale}\n    decimals: {decimals}\n"
    )
}

fn rendered(millions: i64, scale: &str, decimals: u32, rate: Decimal, lang: Lang) -> String {
    let yaml = figure_yaml(millions, scale, decimals);
    let source = SourceFile::named("figures", yaml.as_str());
    let mut diags = Vec::new();
    let figures = figures::parse(&source, Span::new(0, yaml.len()), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let ctx = Context {
        figures: Some(&figures),
        rate: Some(rate),
        lang,
    };
    resolve("revenue.P", &ctx).expect("the reference resolves")
}

fn rate_strategy() -> impl Strategy<Value = Decimal> {
    // ¥80.00 to ¥160.00 per dollar, two decimals.
    (8_000i64..16_000).prop_map(|cents| Decimal::new(cents, 2))
}

fn scale_strategy() -> impl Strategy<Value = (&'static str, u32)> {
    prop_oneof![
        Just(("billion", 1)),
        Just(("billion", 2)),
        Just(("million", 0)),
        Just(("million", 1)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn renderings_always_pass(
        millions in 100i64..50_000_000,
        (scale, decimals) in scale_strategy(),
        rate in rate_strategy(),
        japanese in any::<bool>(),
    ) {
        let lang = if japanese { Lang::Ja } else { Lang::En };
        let text = rendered(millions, scale, decimals, rate, lang);
        let found = amounts::all(&text);
        let pairs = amounts::pairs(&text, &found);
        prop_assert_eq!(pairs.len(), 1, "{}", text);
        prop_assert!(amounts::agrees(&pairs[0], rate), "{} at {}", text, rate);
    }

    #[test]
    fn dollar_values_outside_the_interval_always_fail(
        millions in 1_000i64..50_000_000,
        rate in rate_strategy(),
        above in any::<bool>(),
        distance in 1i64..1_000,
    ) {
        let text = rendered(millions, "billion", 1, rate, Lang::En);
        let pair = amounts::pairs(&text, &amounts::all(&text)).remove(0);
        let (low, high) = amounts::implied(&pair.yen, rate);
        let step = pair.usd.precision;
        let half = step / Decimal::TWO;
        // A printed dollar value whose own interval lies wholly outside.
        let wrong = if above {
            ((high + half) / step).ceil() * step + step * Decimal::from(distance - 1)
        } else {
            ((low - half) / step).floor() * step - step * Decimal::from(distance - 1)
        };
        prop_assume!(wrong > Decimal::ZERO);
        let unit = pair.usd.unit;
        let printed = format!(
            "JPY{} ({})",
            text.split(" (").next().unwrap_or("").trim_start_matches("JPY"),
            format_usd(wrong, unit, pair.usd.decimals)
        );
        let pairs = amounts::pairs(&printed, &amounts::all(&printed));
        prop_assert_eq!(pairs.len(), 1, "{}", printed);
        prop_assert!(!amounts::agrees(&pairs[0], rate), "{} at {}", printed, rate);
    }
}

fn format_usd(value: Decimal, unit: Decimal, decimals: u32) -> String {
    let word = match unit.to_string().as_str() {
        "1000" => " thousand",
        "1000000" => " million",
        "1000000000" => " billion",
        _ => "",
    };
    format!("${}{word}", (value / unit).round_dp(decimals))
}
