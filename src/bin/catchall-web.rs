//! The Catchall web app (built by trunk for wasm32): mounts the Yew app into
//! `#catchall-app`. Pages that only embed the JS API (`static/embed.html`) have no such
//! element and get the API alone. All logic lives in `catchall::ui` and `catchall::web_api`.
fn main() {
    console_error_panic_hook::set_once();
    catchall::ui::mount();
}
