//! The web app's state, pure and tested natively: nothing here touches the browser.
//!
//! * [`draft`]: the form as typed, and the shipment JSON it becomes;
//! * [`decisions`]: false-positive decisions and how they take a hit out of the verdict;
//! * [`store`]: the saved screenings and decisions, in a versioned format;
//! * [`session`]: the page's reducer (`Session::apply`);
//! * [`groups`]: the report's sections;
//! * [`batch`] and [`lists`]: the Batch and Lists screens' reducers;
//! * [`book`]: the counterparty book; [`inbox`]: re-screening on list change and its inbox.

pub mod batch;
pub mod book;
pub mod decisions;
pub mod draft;
pub mod evidence;
pub mod groups;
pub mod inbox;
pub mod lists;
pub mod session;
pub mod store;
pub mod sync;

pub use decisions::*;
pub use draft::*;
pub use groups::*;
pub use session::*;
pub use store::*;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod form_props;
#[cfg(test)]
mod tests;
