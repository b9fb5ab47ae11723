/**
 * The authentication hook ([MS-RPCE] 3.3.1.5.2 and [C706] 13): security providers keyed by
 * auth_type, one security context per connection, auth levels fixed at bind.
 */
package io.cephsmb.dcerpc.auth;
