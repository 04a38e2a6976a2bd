export type {
  SipGeneration,
  SipRunning,
  SipSimCall,
  SipSimOptions,
  SipSimulator,
  SipStartOutcome,
} from './model';
export { startSipMediaGwSimulator } from './server';
