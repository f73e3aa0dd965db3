// OpenPIE's page start-up: GOV.UK Frontend components. Pages work without it.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
