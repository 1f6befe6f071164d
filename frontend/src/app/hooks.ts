import { useDispatch, useSelector } from 'react-redux'
import { selectConfig } from './config'
import type { AppDispatch, RootState } from './store'

export const useAppDispatch = useDispatch.withTypes<AppDispatch>()
export const useAppSelector = useSelector.withTypes<RootState>()

export function useAppConfig() {
  return useAppSelector(selectConfig)
}
