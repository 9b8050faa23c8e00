package com.marketbase.batch.rollout;

import java.lang.reflect.Modifier;

import org.aopalliance.intercept.MethodInterceptor;

import com.marketbase.batch.support.launch.JobLaunch;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts the switch check in front of every job's launch. Every way of starting a job reads
 * its parameters through its {@link JobLaunch} first (the command line's {@code job=},
 * the console's launch form, each module of the chain, each scheduled entry), so checking
 * there refuses a switched-off dataset everywhere, before any call to a source and before
 * any job instance exists. The launch beans stay what they were (a subclass proxy where
 * the class allows one), so that lookups by their own type still find them.
 */
class SwitchedLaunches implements BeanPostProcessor {

	private final ObjectProvider<RolloutSwitches> switches;

	SwitchedLaunches(ObjectProvider<RolloutSwitches> switches) {
		this.switches = switches;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof JobLaunch launch)) {
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		factory.addInterface(JobLaunch.class);
		factory.setProxyTargetClass(!Modifier.isFinal(bean.getClass().getModifiers()));
		factory.addAdvice((MethodInterceptor) (invocation) -> {
			String dataset = launch.dataset();
			// The calendar and the instruments have no dataset: they are never switched
			// off.
			if (invocation.getMethod().getName().equals("parameters") && dataset != null) {
				this.switches.getObject().checkOn(dataset);
			}
			if (invocation.getMethod().getName().equals("parameters") && launch.rolloutSwitch() != null) {
				this.switches.getObject().checkModule(launch.rolloutSwitch(), launch.jobName());
			}
			return invocation.proceed();
		});
		return factory.getProxy(bean.getClass().getClassLoader());
	}

}
