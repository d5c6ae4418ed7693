# The empty program: `cargo xtask bench` times it to measure startup.
