//! Input checks shared by the planners. Each returns a [`PlanError::Invalid`]
//! whose message names the field (`what`, e.g. "stage 2's lead time") and its
//! unit, and quotes the value received.

use crate::PlanError;

/// `value` must be a finite number.
pub(crate) fn finite(value: f64, what: &str) -> Result<(), PlanError> {
    if value.is_nan() {
        Err(PlanError::Invalid(format!(
            "{what} must be a number (got NaN)"
        )))
    } else if value.is_infinite() {
        Err(PlanError::Invalid(format!(
            "{what} must be finite (got {value})"
        )))
    } else {
        Ok(())
    }
}

/// `value` must be finite and more than 0 (`unit` follows the 0, e.g. "per unit per period").
pub(crate) fn positive(value: f64, what: &str, unit: &str) -> Result<(), PlanError> {
    finite(value, what)?;
    if value > 0.0 {
        Ok(())
    } else {
        Err(PlanError::Invalid(format!(
            "{what} must be more than 0 {unit} (got {value})"
        )))
    }
}

/// `value` must be finite and at least 0.
pub(crate) fn non_negative(value: f64, what: &str, unit: &str) -> Result<(), PlanError> {
    finite(value, what)?;
    if value >= 0.0 {
        Ok(())
    } else {
        Err(PlanError::Invalid(format!(
            "{what} must be at least 0 {unit} (got {value})"
        )))
    }
}

/// A whole number of periods must be at least 0.
pub(crate) fn periods(value: i64, what: &str) -> Result<(), PlanError> {
    if value >= 0 {
        Ok(())
    } else {
        Err(PlanError::Invalid(format!(
            "{what} must be at least 0 periods (got {value})"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field_and_quote_the_value() {
        let e = periods(-1, "stage 2's lead time").unwrap_err();
        assert_eq!(
            e.to_string(),
            "stage 2's lead time must be at least 0 periods (got -1)"
        );
        let e = positive(0.0, "the demand standard deviation", "units per period").unwrap_err();
        assert_eq!(
            e.to_string(),
            "the demand standard deviation must be more than 0 units per period (got 0)"
        );
        let e = non_negative(f64::NAN, "the holding cost", "per unit per period").unwrap_err();
        assert_eq!(e.to_string(), "the holding cost must be a number (got NaN)");
        let e = finite(f64::INFINITY, "the mean").unwrap_err();
        assert_eq!(e.to_string(), "the mean must be finite (got inf)");
        assert!(non_negative(0.0, "x", "u").is_ok() && positive(1e-300, "x", "u").is_ok());
    }
}
