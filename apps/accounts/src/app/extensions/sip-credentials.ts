import { Injectable } from '@nestjs/common';
import { computeHa1 } from '@branchline/digest';
import { SecretBox, generateSipPassword } from '@branchline/secrets';

export interface SipCredentials {
  ha1Md5: string;
  ha1Sha256: string;
  sipPasswordEnc: string;
}

/** Turns a SIP password into what is stored: both digest HA1s and the sealed password. */
@Injectable()
export class SipCredentialService {
  constructor(private readonly box: SecretBox) {}

  make(username: string, realm: string, password?: string): SipCredentials & { password: string } {
    const pw = password ?? generateSipPassword();
    return {
      password: pw,
      ha1Md5: computeHa1('MD5', username, realm, pw),
      ha1Sha256: computeHa1('SHA-256', username, realm, pw),
      sipPasswordEnc: this.box.encrypt(pw),
    };
  }

  /** HA1s depend on username and realm, so renaming needs the password back. */
  rekey(username: string, realm: string, sipPasswordEnc: string): SipCredentials {
    const { password: _pw, ...creds } = this.make(username, realm, this.box.decrypt(sipPasswordEnc));
    return creds;
  }
}
