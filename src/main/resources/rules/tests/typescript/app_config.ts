import { ApplicationConfig } from '@angular/core';
import { provideHttpClient, withNoXsrfProtection, withXsrfConfiguration } from '@angular/common/http';

export const appConfig: ApplicationConfig = {
  providers: [
    // ruleid: csrf
    provideHttpClient(withNoXsrfProtection()),
  ],
};

export const otherConfig: ApplicationConfig = {
  providers: [
    // ok: csrf
    provideHttpClient(withXsrfConfiguration({ cookieName: 'XSRF', headerName: 'X-XSRF' })),
  ],
};
