// The sipp runner moved to libs/testing so every service's SIP tests share it.
export * from '@branchline/testing';
