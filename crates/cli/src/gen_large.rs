pub fn generate(_z: usize, _s: usize, _o: f64) -> String {
    String::new()
}
