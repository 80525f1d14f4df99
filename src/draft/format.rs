//! Exact decimal numbers: reading them from the draft and writing amounts the
//! way a release prints them ("JPY10.6 billion", "$89.0 million", "106億円").

use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// The power of ten a number is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scale {
    /// Units (yen, dollars).
    One,
    /// Thousands.
    Thousand,
    /// Millions.
    Million,
    /// Billions.
    Billion,
}

impl Scale {
    /// Every scale, smallest first.
    pub const ALL: [Scale; 4] = [Scale::One, Scale::Thousand, Scale::Million, Scale::Billion];

    /// Parse the name used in the figures block.
    pub fn parse(name: &str) -> Option<Scale> {
        match name.trim().to_ascii_lowercase().as_str() {
            "one" | "yen" | "units" | "unit" | "dollars" => Some(Scale::One),
            "thousand" | "thousands" => Some(Scale::Thousand),
            "million" | "millions" => Some(Scale::Million),
            "billion" | "billions" => Some(Scale::Billion),
            _ => None,
        }
    }

    /// The multiplier: 1, 1,000, 1,000,000 or 1,000,000,000.
    pub fn factor(self) -> Decimal {
        match self {
            Scale::One => Decimal::ONE,
            Scale::Thousand => Decimal::from(1_000u64),
            Scale::Million => Decimal::from(1_000_000u64),
            Scale::Billion => Decimal::from(1_000_000_000u64),
        }
    }

    /// The English word written after the number ("" for units).
    pub fn word(self) -> &'static str {
        match self {
            Scale::One => "",
            Scale::Thousand => "thousand",
            Scale::Million => "million",
            Scale::Billion => "billion",
        }
    }
}

/// The most digits relkit reads before a number's point: enough for any
/// amount a release states (999 trillion), few enough that no sum,
/// product or conversion of such numbers overflows exact arithmetic.
pub const MAX_INTEGER_DIGITS: usize = 15;

/// The most digits relkit reads after a number's point.
pub const MAX_DECIMALS: usize = 9;

/// The largest amount of money relkit reads, in currency units (10²¹):
/// larger amounts, written or after their scale ("999 trillion billion"),
/// are no release's and are not read as amounts.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xDEA0_0000, 0x35C9_ADC5, 0x36, false, 0);

/// Whether the digits of `text` fit [`MAX_INTEGER_DIGITS`] and
/// [`MAX_DECIMALS`] (other characters are not counted).
pub fn within_digit_limits(text: &str) -> bool {
    let is_digit = |c: &char| c.is_ascii_digit() || ('０'..='９').contains(c);
    let (int, frac) = match text.split_once(['.', '．']) {
        Some((i, f)) => (i, f),
        None => (text, ""),
    };
    let int_digits = int
        .chars()
        .filter(is_digit)
        .skip_while(|c| matches!(c, '0' | '０'))
        .count();
    int_digits <= MAX_INTEGER_DIGITS && frac.chars().filter(is_digit).count() <= MAX_DECIMALS
}

/// Read a number exactly. Accepts `10567`, `10,567`, `10_567`, `-567`,
/// `(567)` (negative), `+6.3` and full-width digits; never goes through floats.
/// A number with more digits than [`within_digit_limits`] allows is not read.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    if !within_digit_limits(text) {
        return None;
    }
    let mut s: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            '．' => '.',
            '，' => ',',
            '－' | '−' | '–' => '-',
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .filter(|&c| c != ',' && c != '_')
        .collect();
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s.trim_start_matches('(').trim_end_matches(')').to_string();
    }
    let s = s.strip_prefix('+').unwrap_or(&s);
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        || s.contains("e")
    {
        return None;
    }
    let value = Decimal::from_str(s).ok()?;
    Some(if negative { -value } else { value })
}

/// Round half away from zero to `decimals` places (the convention of printed reports).
pub fn round(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// Write `value` with exactly `decimals` places and thousands separators.
pub fn group(value: Decimal, decimals: u32) -> String {
    let rounded = round(value.abs(), decimals);
    let text = format!("{:.*}", decimals as usize, rounded);
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A currency a figure is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Currency {
    /// Japanese yen.
    Jpy,
    /// US dollars.
    Usd,
}

/// Write an amount in English release style: `JPY10.6 billion`, `$89.0 million`.
/// `amount` is in whole currency units; negative amounts are parenthesised.
pub fn money_en(amount: Decimal, currency: Currency, scale: Scale, decimals: u32) -> String {
    let number = group((amount / scale.factor()).abs(), decimals);
    let prefix = match currency {
        Currency::Jpy => "JPY",
        Currency::Usd => "$",
    };
    let word = scale.word();
    let body = if word.is_empty() {
        format!("{prefix}{number}")
    } else {
        format!("{prefix}{number} {word}")
    };
    if amount.is_sign_negative() && !round(amount / scale.factor(), decimals).is_zero() {
        format!("({body})")
    } else {
        body
    }
}

/// Write an amount in Japanese style with 兆/億/万 (`106億円`, `8,900万ドル`),
/// after rounding to the precision given by `scale` and `decimals`.
/// Negative amounts carry the accounting mark `△`.
pub fn money_ja(amount: Decimal, currency: Currency, scale: Scale, decimals: u32) -> String {
    let unit = scale.factor() / Decimal::from(10u64.pow(decimals.min(9)));
    let rounded = if unit.is_zero() {
        amount.abs()
    } else {
        round(amount.abs() / unit, 0) * unit
    };
    let suffix = match currency {
        Currency::Jpy => "円",
        Currency::Usd => "ドル",
    };
    let out = japanese_number(rounded.trunc(), 0);
    let sign = if amount.is_sign_negative() && !rounded.is_zero() {
        "△"
    } else {
        ""
    };
    format!("{sign}{out}{suffix}")
}

/// `value` written with 兆/億/万 groups (`1億500万`, `8,900万`, `5億6,700万`),
/// without sign or currency; what is left below 万 keeps `decimals` places.
pub fn japanese_number(value: Decimal, decimals: u32) -> String {
    let groups = [
        (Decimal::from(1_000_000_000_000u64), "兆"),
        (Decimal::from(100_000_000u64), "億"),
        (Decimal::from(10_000u64), "万"),
    ];
    let mut rest = value.abs();
    let mut out = String::new();
    for (size, mark) in groups {
        let part = (rest / size).trunc();
        if !part.is_zero() {
            out.push_str(&group(part, 0));
            out.push_str(mark);
            rest -= part * size;
        }
    }
    if !rest.is_zero() || out.is_empty() {
        out.push_str(&group(rest, decimals));
    }
    out
}

/// The scale and decimals a dollar translation of `usd` is printed with,
/// unless the figure says otherwise: billions with 2 places, millions with 1,
/// thousands with none.
pub fn usd_precision(usd: Decimal) -> (Scale, u32) {
    let abs = usd.abs();
    if abs >= Scale::Billion.factor() {
        (Scale::Billion, 2)
    } else if abs >= Scale::Million.factor() {
        (Scale::Million, 1)
    } else {
        (Scale::Thousand, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        parse_decimal(s).unwrap()
    }

    #[test]
    fn parses_exactly() {
        assert_eq!(d("10,567"), Decimal::from(10567));
        assert_eq!(d("(567)"), Decimal::from(-567));
        assert_eq!(d("118.75").to_string(), "118.75");
        assert_eq!(d("１０．５"), d("10.5"));
        assert!(parse_decimal("1e3").is_none());
        assert!(parse_decimal("ten").is_none());
        assert!(parse_decimal("").is_none());
    }

    #[test]
    fn numbers_beyond_the_limits_are_not_read() {
        assert_eq!(
            MAX_AMOUNT,
            Decimal::from(10u64.pow(15)) * Decimal::from(1_000_000u64)
        );
        assert_eq!(
            d("999,999,999,999,999"),
            Decimal::from(999_999_999_999_999u64)
        );
        assert_eq!(
            d("000000000000000000001"),
            Decimal::ONE,
            "leading zeros are not counted"
        );
        assert!(
            parse_decimal("1,000,000,000,000,000").is_none(),
            "16 digits"
        );
        assert_eq!(d("0.123456789").to_string(), "0.123456789");
        assert!(parse_decimal("0.1234567891").is_none(), "10 decimals");
        assert!(parse_decimal("79228162514264337593543950335").is_none());
    }

    #[test]
    fn english_money() {
        let yen = d("10573") * Scale::Million.factor();
        assert_eq!(
            money_en(yen, Currency::Jpy, Scale::Billion, 1),
            "JPY10.6 billion"
        );
        let usd = yen / d("118.75");
        assert_eq!(
            money_en(usd, Currency::Usd, Scale::Million, 1),
            "$89.0 million"
        );
        let loss = d("-567") * Scale::Million.factor();
        assert_eq!(
            money_en(loss, Currency::Jpy, Scale::Million, 0),
            "(JPY567 million)"
        );
        assert_eq!(
            money_en(d("1234567"), Currency::Jpy, Scale::One, 0),
            "JPY1,234,567"
        );
    }

    #[test]
    fn japanese_money() {
        let yen = d("10573") * Scale::Million.factor();
        assert_eq!(money_ja(yen, Currency::Jpy, Scale::Billion, 1), "106億円");
        assert_eq!(
            money_ja(yen, Currency::Jpy, Scale::Million, 0),
            "105億7,300万円"
        );
        assert_eq!(
            money_ja(d("89000000"), Currency::Usd, Scale::Million, 1),
            "8,900万ドル"
        );
        assert_eq!(
            money_ja(d("1234500000000"), Currency::Jpy, Scale::Billion, 1),
            "1兆2,345億円"
        );
        assert_eq!(
            money_ja(d("-567000000"), Currency::Jpy, Scale::Million, 0),
            "△5億6,700万円"
        );
    }

    #[test]
    fn grouping_and_rounding_half_away_from_zero() {
        assert_eq!(group(d("1234.565"), 2), "1,234.57");
        assert_eq!(group(d("0.05"), 1), "0.1");
        assert_eq!(group(d("999"), 0), "999");
        assert_eq!(group(d("-0.04"), 1), "0.0");
    }
}
